from odoo import api, models
from odoo.tools import SQL


class BillingKpiMetric(models.AbstractModel):
    """Live metrics over the employees measured by a template."""

    _inherit = "billing.kpi.metric"

    @api.model
    def _facts_retention(self, period, employees):
        """Members of the template (archived ones included) employed at the
        start of the period: the numerator counts those still employed at its
        end. An employee starts on the day the record was created and leaves
        on their departure date, or, when archived without one, on the day
        the record was last changed. Team metric. Unit: %."""
        # NOTE: Odoo 18 Community keeps no hiring date without hr_contract, so
        # the creation of the employee record stands for it.
        return SQL(
            """WITH tenure AS (
                   SELECT employee.id,
                          employee.create_date::date AS started,
                          COALESCE(employee.departure_date,
                                   CASE WHEN NOT employee.active
                                        THEN employee.write_date::date END) AS left_on
                     FROM hr_employee employee
                    WHERE employee.id = ANY(%(employees)s)
                      AND employee.company_id = %(company)s
               )
               SELECT NULL::integer AS user_id, tenure.id AS res_id,
                      CASE WHEN tenure.left_on IS NULL OR tenure.left_on > %(date_to)s
                           THEN 1.0 ELSE 0.0 END AS numerator,
                      1.0 AS denominator
                 FROM tenure
                WHERE tenure.started <= %(date_from)s
                  AND (tenure.left_on IS NULL OR tenure.left_on >= %(date_from)s)""",
            employees=employees.ids,
            company=period.company.id,
            date_from=period.date_from,
            date_to=period.date_to,
        )
