/** The kit's version, recorded in every result line (software.kit_version). */
export const KIT_VERSION = '1.0.0';
