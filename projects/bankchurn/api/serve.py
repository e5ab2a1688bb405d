"""`python -m simulacro api [--host H] [--port N] [--model FILE]`: run the API with uvicorn.

`--save-model FILE` trains the embedded pipeline, writes the artifact and exits, so the
service can then be started on a file (`--model FILE`), as in a real deployment.
Settings also come from `SIMULACRO_API_*` variables (see settings.py); flags win.
"""

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from projects.bankchurn.api.settings import ApiSettings


def build_settings(args: argparse.Namespace) -> ApiSettings:
    overrides = {"model_path": args.model} if args.model else {}
    return ApiSettings(**overrides)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulacro api", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free)")
    parser.add_argument("--model", type=Path, help="serve this joblib artifact")
    parser.add_argument(
        "--save-model", type=Path, metavar="FILE", help="write the artifact and exit"
    )
    parser.add_argument(
        "--log-level", default="info", choices=("debug", "info", "warning", "error")
    )
    args = parser.parse_args(argv)
    try:
        settings = build_settings(args)
    except ValidationError as error:
        for problem in error.errors():
            name = ".".join(map(str, problem["loc"]))
            print(f"invalid setting {name}: {problem['msg']}", file=sys.stderr)
        return 2
    if args.save_model:
        from projects.bankchurn.api.model import load_model, save_model

        path = save_model(
            load_model(settings.model_copy(update={"model_path": None})), args.save_model
        )
        print(f"model written to {path}")
        return 0
    import uvicorn

    from projects.bankchurn.api.app import create_app

    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0
