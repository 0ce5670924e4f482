// The downloadable kits, built with the site: /kits/bench.zip and /kits/probe.zip (same bytes on every build).
import type { APIRoute, GetStaticPaths } from 'astro';
import { KIT_NAMES, type KitName, kitZip } from '../../../labs/kits/build/kits.ts';

export const prerender = true;

export const getStaticPaths = (() => KIT_NAMES.map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const zip = await kitZip(params.name as KitName);
  return new Response(new Blob([zip as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': 'application/zip' } });
};
