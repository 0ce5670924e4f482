"""The hardware and software a probe line records. Reads nvidia-smi and package metadata; imports nothing heavy."""

import datetime
import platform
import re
import shutil
import subprocess
from importlib import metadata
from typing import Optional


def _run(args: list) -> Optional[str]:
    if shutil.which(args[0]) is None:
        return None
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10, check=True).stdout
    except (subprocess.SubprocessError, OSError):
        return None


def package_version(name: str) -> Optional[str]:
    """Installed version of a package, without importing it (so a dry run never loads torch)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def read_hardware(torch_module=None, device_index: int = 0) -> dict:
    """GPU name, memory (MiB as nvidia-smi counts it), count, driver, CUDA and compute capability; null if unknown."""
    hw = {
        "gpu_name": None,
        "gpu_memory_mib": None,
        "gpu_count": None,
        "driver": None,
        "cuda": None,
        "compute_capability": None,
    }
    rows = _run(["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader,nounits"])
    if rows:
        lines = [line.split(",") for line in rows.strip().splitlines() if line.strip()]
        hw["gpu_count"] = len(lines)
        if 0 <= device_index < len(lines):
            name, memory, driver = (part.strip() for part in lines[device_index][:3])
            hw["gpu_name"] = name or None
            hw["gpu_memory_mib"] = float(memory) if re.fullmatch(r"[\d.]+", memory) else None
            hw["driver"] = driver or None
        banner = _run(["nvidia-smi"]) or ""
        match = re.search(r"CUDA Version:\s*([\d.]+)", banner)
        hw["cuda"] = match.group(1) if match else None
    if torch_module is not None and torch_module.cuda.is_available():
        props = torch_module.cuda.get_device_properties(device_index)
        hw["gpu_name"] = hw["gpu_name"] or props.name
        hw["gpu_memory_mib"] = hw["gpu_memory_mib"] or props.total_memory / 2**20
        hw["gpu_count"] = hw["gpu_count"] or torch_module.cuda.device_count()
        hw["cuda"] = hw["cuda"] or torch_module.version.cuda
        hw["compute_capability"] = f"{props.major}.{props.minor}"
    return hw


def read_software(kit_version: str) -> dict:
    return {
        "python": platform.python_version(),
        "torch": package_version("torch"),
        "transformers": package_version("transformers"),
        "kit_version": kit_version,
    }


def timestamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
