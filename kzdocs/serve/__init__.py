"""``kzdocs serve``: the documents over HTTP, for the systems around an office that are not Python.

One uvicorn process answers HTTP (Starlette) and validates input; renders run in a pool of worker
processes (:mod:`kzdocs.serve.pool`). Needs the ``serve`` extra: ``pip install 'kzdocs[serve]'``.

>>> from kzdocs.serve import Settings, serve
>>> serve(Settings(), host="127.0.0.1", port=8080)   # doctest: +SKIP
"""

from __future__ import annotations

import logging

from .config import Limits, ServeConfigError, Settings, check_exposure, is_loopback, read_token

__all__ = ["Limits", "ServeConfigError", "Settings", "check_exposure", "is_loopback", "read_token", "serve"]


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8080) -> None:
    """Run the service until SIGINT or SIGTERM; then renders in flight finish and new ones are refused."""
    check_exposure(host, settings.token)
    import uvicorn

    from .app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    limits = settings.limits
    config = uvicorn.Config(create_app(settings), host=host, port=port, log_config=None, access_log=False,
                            server_header=False, lifespan="on",
                            timeout_graceful_shutdown=int(limits.render_timeout + limits.read_timeout) + 1)
    uvicorn.Server(config).run()
