import math

from dateutil.relativedelta import relativedelta

from odoo import api, models

from ..lib import demo_profiles as profiles

# Units of the foreign currency per unit of the company currency. Other pairs
# start from the rate Odoo has.
BASE_RATES = {("USD", "EUR"): 0.92, ("EUR", "USD"): 1.09}
# The monthly rates swing this much around the base rate.
RATE_SWING = 0.03


class BillingKpiDemo(models.AbstractModel):
    """Master data of the demo billing work: the clerks, the customers, the
    services invoiced, the foreign currency with monthly rates and the bank
    journal receiving the payments."""

    _inherit = "billing.kpi.demo"

    @api.model
    def _setup_master_data(self, run):
        run.users = {
            clerk.key: self.env.ref("billing_kra_kpi.user_billing_clerk_%s" % clerk.key)
            for clerk in profiles.CLERKS
        }
        run.currency = self._setup_foreign_currency(run.plan)
        run.customers = self._setup_customers()
        run.products = self._setup_products()
        run.bank_journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.env.company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )

    @api.model
    def _setup_foreign_currency(self, plan):
        """Activate EUR (USD for a company in EUR) and give it a rate for
        each month of the plan, swinging a few percent around its level."""
        company = self.env.company
        code = "USD" if company.currency_id.name == "EUR" else "EUR"
        currency = self.env.ref("base.%s" % code)
        currency.active = True
        base_rate = BASE_RATES.get((company.currency_id.name, code))
        if not base_rate:
            base_rate = currency._get_conversion_rate(
                company.currency_id, currency, company, plan.first_month
            )

        Rate = self.env["res.currency.rate"]
        existing = set(
            Rate.search(
                [("currency_id", "=", currency.id), ("company_id", "=", company.id)]
            ).mapped("name")
        )
        vals_list = []
        month = plan.first_month - relativedelta(months=1)
        index = 0
        while month <= plan.today:
            if month not in existing:
                swing = 1 + RATE_SWING * math.sin(index / 2.0)
                vals_list.append(
                    {
                        "currency_id": currency.id,
                        "company_id": company.id,
                        "name": month,
                        "rate": round(base_rate * swing, 6),
                    }
                )
            month += relativedelta(months=1)
            index += 1
        Rate.create(vals_list)
        return currency

    @api.model
    def _setup_customers(self):
        terms = {
            xmlid: self.env.ref("account.%s" % xmlid).id
            for xmlid in {customer.payment_term for customer in profiles.CUSTOMERS}
        }
        return self.env["res.partner"].create(
            [
                {
                    "name": customer.name,
                    "is_company": True,
                    "city": customer.city,
                    "country_id": self.env.ref("base.%s" % customer.country).id,
                    "email": "billing@%s.example.com" % customer.name.split()[0].lower(),
                    "property_payment_term_id": terms[customer.payment_term],
                }
                for customer in profiles.CUSTOMERS
            ]
        )

    @api.model
    def _setup_products(self):
        return self.env["product.product"].create(
            [
                {"name": name, "type": "service", "list_price": price}
                for name, price, _quantities in profiles.PRODUCTS
            ]
        )
