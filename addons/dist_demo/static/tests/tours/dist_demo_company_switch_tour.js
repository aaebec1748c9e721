/** @odoo-module **/
/* A user of the demo distributor switches between its three companies: each switch
   reloads the web client, whose company switcher then marks that company current. */
import { registry } from "@web/core/registry";

const COMPANIES = ["Nordic Supply AB", "Britannia Trade Ltd", "Dist Holding"];
// set on the page before a switch; the reloaded page no longer has it
const SWITCHING = "o_dist_demo_switching";

function switchTo(name) {
    return [
        {
            content: `Switch to ${name}`,
            trigger: `.o_switch_company_menu .log_into[aria-label="Switch to ${name}"]`,
            run(actions) {
                document.body.classList.add(SWITCHING);
                actions.click();
            },
        },
        {
            content: "Open the company switcher of the reloaded web client",
            trigger: `body:not(.${SWITCHING}) .o_switch_company_menu > button`,
        },
        {
            content: `${name} is the current company`,
            trigger: `.o_switch_company_menu .log_into[aria-pressed="true"][aria-label="Switch to ${name}"]`,
            isCheck: true,
        },
    ];
}

registry.category("web_tour.tours").add("dist_demo_company_switch", {
    test: true,
    url: "/web",
    steps: () => [
        {
            content: "Open the company switcher",
            trigger: ".o_switch_company_menu > button",
        },
        ...COMPANIES.flatMap(switchTo),
    ],
});
