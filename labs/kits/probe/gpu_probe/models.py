"""Model configs for the decode probe: the course catalog's own config.json files, bundled in configs/."""

import json
import os
from typing import Optional

CONFIG_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "configs")


class ConfigError(Exception):
    pass


def bundled_ids() -> list:
    if not os.path.isdir(CONFIG_DIR):
        return []
    return sorted(name[:-5] for name in os.listdir(CONFIG_DIR) if name.endswith(".json"))


def load(model_id: Optional[str], config_path: Optional[str]) -> dict:
    """The config as a dict, with where it came from: {"id", "name", "config", "values"}."""
    if config_path:
        path, catalog_id = config_path, None
    else:
        if not bundled_ids():
            # Running from the course repository rather than the kit: configs/ is written when the zip is built.
            raise ConfigError(
                f"--model: no configs/ folder beside probe.py ({CONFIG_DIR}); run the probe from the unzipped kit "
                "(npm run build:kits writes dist/kits/probe.zip) or pass --config <config.json>"
            )
        if model_id not in bundled_ids():
            raise ConfigError(f'--model: unknown id "{model_id}"; bundled: {", ".join(bundled_ids())}')
        path, catalog_id = os.path.join(CONFIG_DIR, f"{model_id}.json"), model_id
    try:
        with open(path, encoding="utf-8") as f:
            values = json.load(f)
    except OSError as e:
        raise ConfigError(f"--config: cannot read {path}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise ConfigError(f"--config: {path} is not valid JSON ({e.msg}, line {e.lineno})") from e
    if not isinstance(values, dict) or not isinstance(values.get("model_type"), str):
        raise ConfigError(f"--config: {path} has no model_type; is it a Hugging Face config.json?")
    name = catalog_id or os.path.splitext(os.path.basename(path))[0]
    shown = os.path.relpath(path, os.path.dirname(CONFIG_DIR)) if catalog_id else path
    return {"id": catalog_id, "name": name, "config": shown, "values": values}
