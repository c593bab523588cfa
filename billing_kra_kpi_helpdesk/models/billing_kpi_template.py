from odoo import api, fields, models
from odoo.exceptions import ValidationError

MANAGER = "billing_kra_kpi.group_kpi_manager"


class BillingKpiTemplate(models.Model):
    """Settings of the helpdesk metrics: which tickets are about billing and
    which of them are disputes, which closing stages mean resolved, how hours
    are counted and how far back a repeat inquiry looks."""

    _inherit = "billing.kpi.template"

    helpdesk_team_ids = fields.Many2many(
        "helpdesk.ticket.team",
        "billing_kpi_template_helpdesk_team_rel",
        "template_id",
        "team_id",
        string="Billing Teams",
        groups=MANAGER,
        help="Tickets of these helpdesk teams are billing tickets.",
    )
    helpdesk_category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        "billing_kpi_template_helpdesk_category_rel",
        "template_id",
        "category_id",
        string="Billing Categories",
        groups=MANAGER,
        help="Tickets of these categories are billing tickets, whatever their team.",
    )
    helpdesk_tag_ids = fields.Many2many(
        "helpdesk.ticket.tag",
        "billing_kpi_template_helpdesk_tag_rel",
        "template_id",
        "tag_id",
        string="Billing Tags",
        groups=MANAGER,
        help="Tickets with one of these tags are billing tickets, whatever their team.",
    )
    helpdesk_dispute_category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        "billing_kpi_template_helpdesk_dispute_category_rel",
        "template_id",
        "category_id",
        string="Dispute Categories",
        groups=MANAGER,
        help="Billing tickets of these categories are billing disputes.",
    )
    helpdesk_dispute_tag_ids = fields.Many2many(
        "helpdesk.ticket.tag",
        "billing_kpi_template_helpdesk_dispute_tag_rel",
        "template_id",
        "tag_id",
        string="Dispute Tags",
        groups=MANAGER,
        help="Billing tickets with one of these tags are billing disputes.",
    )
    helpdesk_resolved_stage_ids = fields.Many2many(
        "helpdesk.ticket.stage",
        "billing_kpi_template_helpdesk_stage_rel",
        "template_id",
        "stage_id",
        string="Resolved Stages",
        groups=MANAGER,
        default=lambda self: self._default_helpdesk_resolved_stages(),
        help="Closing stages in which a dispute counts as resolved satisfactorily. "
        "Other closing stages, such as Cancelled and Rejected, do not count.",
    )
    helpdesk_hours = fields.Selection(
        [("calendar", "Calendar hours"), ("working", "Working hours")],
        string="Ticket Hours",
        default="calendar",
        required=True,
        groups=MANAGER,
        help="How the hours of response and resolution times are counted: every "
        "hour, or only the working hours of the assignee's resource calendar "
        "(leaves excluded; the company's calendar for a user without an employee).",
    )
    helpdesk_repeat_days = fields.Integer(
        string="Repeat Window (days)",
        default=30,
        required=True,
        groups=MANAGER,
        help="A billing ticket is a repeat inquiry when the same customer opened "
        "another billing ticket within this many days before it.",
    )

    @api.model
    def _default_helpdesk_resolved_stages(self):
        return self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done", raise_if_not_found=False)

    @api.constrains("helpdesk_repeat_days")
    def _check_helpdesk_repeat_days(self):
        for template in self:
            if template.helpdesk_repeat_days < 1:
                raise ValidationError(
                    self.env._(
                        "The repeat window of template %(template)s is %(days)s days; it "
                        "must be at least 1 day. Enter the number of days before a "
                        "billing ticket in which another ticket of the same customer "
                        "makes it a repeat inquiry.",
                        template=template.name,
                        days=template.helpdesk_repeat_days,
                    )
                )

    @api.constrains("helpdesk_resolved_stage_ids")
    def _check_helpdesk_resolved_stages(self):
        for template in self:
            open_stages = template.helpdesk_resolved_stage_ids.filtered(lambda s: not s.closed)
            if open_stages:
                raise ValidationError(
                    self.env._(
                        "The resolved stages of template %(template)s include stages that "
                        "do not close a ticket: %(stages)s. Choose closing stages only, "
                        "or mark these stages as closing in the helpdesk configuration.",
                        template=template.name,
                        stages=", ".join(open_stages.mapped("name")),
                    )
                )
