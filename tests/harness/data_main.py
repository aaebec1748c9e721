"""Fill a database with a data script: `data_main.py CONF DB SCRIPT [ARGS]`.

The script's `fill(env, *args)` gets a superuser environment; what it writes is
committed (unlike `bench_main.py`, which rolls back what a benchmark does).
"""

import runpy
import sys
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api


def main(conf, dbname, script, *args):
    odoo.tools.config.parse_config(["-c", conf, "-d", dbname, "--log-level", "warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(dbname)
    # the script may import its sibling modules
    sys.path.insert(0, str(Path(script).resolve().parent))
    namespace = runpy.run_path(script)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        namespace["fill"](env, *args)
        # the cursor's context manager commits on a clean exit


if __name__ == "__main__":
    main(*sys.argv[1:])
