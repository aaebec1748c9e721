"""Benchmark: approval routing cost at 1 and 200 rules.

Run by the harness (``./dist bench approval_routing``) inside a
transaction that is rolled back. Prints the queries and the time of one
routing (``dist.approval.rule._get_matching_rule_rows``) with 1 rule, then with
200 rules of the same model and company, each filtered on product categories
and vendors, so every rule must be looked at.

The rules of a model and company are cached in the registry and the cache is
cleared by any change to a rule or level: "cold" is the first routing after
such a change (it reads the rules), "warm" the average of the next ones.
"""

import sys
import time

ROUTINGS = 50


def _measure(env, values):
    """Return (cold queries, warm queries per routing, warm ms per routing)."""
    Rule = env["dist.approval.rule"]
    cr = env.cr
    env.registry.clear_cache()
    env.invalidate_all()
    before = cr.sql_log_count
    Rule._get_matching_rule_rows(values)
    cold = cr.sql_log_count - before
    queries = 0
    start = time.perf_counter()
    for _index in range(ROUTINGS):
        env.invalidate_all()
        before = cr.sql_log_count
        Rule._get_matching_rule_rows(values)
        queries += cr.sql_log_count - before
    elapsed = (time.perf_counter() - start) / ROUTINGS
    return cold, queries / ROUTINGS, elapsed * 1000.0


def _make_rules(env, company, count, categories, vendor, start=0):
    model_id = env["ir.model"]._get_id("dist.exception")
    user = env.ref("base.user_admin")
    env["dist.approval.rule"].create(
        [
            {
                "name": f"Bench rule {start + index}",
                "model_id": model_id,
                "company_id": company.id,
                "sequence": 1000 + start + index,
                "amount_min": float(index % 7) * 100.0,
                "product_categ_ids": [(6, 0, categories[index % len(categories)].ids)],
                "partner_ids": [(6, 0, vendor.ids)],
                "level_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "L1",
                            "approver_type": "user",
                            "user_ids": [(6, 0, user.ids)],
                        },
                    )
                ],
            }
            for index in range(count)
        ]
    )


def run(env):
    company = env.company
    categories = env["product.category"].create(
        [{"name": f"Bench category {index}"} for index in range(10)]
    )
    vendor = env["res.partner"].create({"name": "Bench vendor"})
    values = {
        "model": "dist.exception",
        "company": company,
        "amount": 5000.0,
        "product_family_ids": [],
        "product_categ_ids": categories[:3].ids,
        "warehouse": env["stock.warehouse"],
        "vendor": vendor,
    }
    _make_rules(env, company, 1, categories, vendor)
    env.flush_all()
    c1, q1, t1 = _measure(env, values)
    _make_rules(env, company, 199, categories, vendor, start=1)
    env.flush_all()
    c200, q200, t200 = _measure(env, values)
    sys.stdout.write(
        f"approval routing, 1 rule   : cold {c1} queries; warm {q1:.1f} queries, "
        f"{t1:.2f} ms per routing\n"
        f"approval routing, 200 rules: cold {c200} queries; warm {q200:.1f} queries, "
        f"{t200:.2f} ms per routing\n"
        f"query ratio 200/1 rules: cold {c200 / c1:.2f}, warm "
        f"{q200 / q1 if q1 else 1.0:.2f} (target 1.00)\n"
    )
