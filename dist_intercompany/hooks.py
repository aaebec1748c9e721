def post_init_hook(env):
    """With dist_kpi installed before this module, its margin facts were
    built without the intercompany link this module adds to sale orders:
    they are rebuilt, so that intercompany sales leave external margin from
    now on, whatever the order the modules were installed in."""
    if "dist.kpi.margin.fact" not in env:
        return
    env["dist.kpi.margin.fact"].init()
    companies = env["res.company"].search([])
    env["dist.kpi.engine"]._dist_kpi_refresh(companies.ids, rebuild=True)
