"""Run one benchmark script against a database: `bench_main.py CONF DB SCRIPT [ARGS]`.

The script's `run(env, *args)` gets a superuser environment in a transaction that is
rolled back afterwards, so a benchmark never changes the database it measures.
"""

import runpy
import sys

import odoo
from odoo import SUPERUSER_ID, api


def main(conf, dbname, script, *args):
    odoo.tools.config.parse_config(["-c", conf, "-d", dbname, "--log-level", "warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(dbname)
    namespace = runpy.run_path(script)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            namespace["run"](env, *args)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main(*sys.argv[1:])
