import logging
import os

from odoo.tools import config

from .tools.scale import SCALE_ENV_VAR, scale_from_environ

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Generate the demo distributor at the scale given by ``DIST_DEMO_SCALE``
    (environment, wins) or ``dist_demo_scale`` (Odoo configuration file), default 1."""
    environ = {}
    if config.get("dist_demo_scale"):
        environ[SCALE_ENV_VAR] = str(config["dist_demo_scale"])
    if os.environ.get(SCALE_ENV_VAR):
        environ[SCALE_ENV_VAR] = os.environ[SCALE_ENV_VAR]
    scale = scale_from_environ(environ)
    _logger.info("dist_demo: generating %s", scale)
    env["dist.demo.generator"].generate(scale)
