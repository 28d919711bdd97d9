"""Importing this module warms the engines (:func:`kzdocs.serve.worker.warm`).

The worker pool's forkserver preloads it, so every worker forked from it starts with the engines,
fonts and templates loaded: a worker that dies is replaced in milliseconds, not seconds.
"""

from kzdocs.serve.worker import warm

warm()
