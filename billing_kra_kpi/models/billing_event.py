from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import create_index

EVENT_TYPES = [
    ("posted", "Posted"),
    ("reset_to_draft", "Reset to draft"),
    ("cancelled", "Cancelled"),
    ("reversed", "Reversed by credit note"),
    ("reconciled", "Reconciled"),
    ("unreconciled", "Unreconciled"),
]


class BillingEvent(models.Model):
    """Append-only log of what happens to customer invoices, credit notes and
    receivable reconciliations. Odoo keeps no trace of resets to draft or of
    undone reconciliations, and no field records who posted an invoice, so the
    KPI metrics read this log instead."""

    _name = "billing.event"
    _description = "Billing Event"
    _order = "date desc, id desc"
    _rec_name = "event_type"

    event_type = fields.Selection(EVENT_TYPES, required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="Done By", readonly=True, help="The user who did the action."
    )
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Credited To",
        readonly=True,
        index=True,
        help="The clerk the event counts for: the user who first posted the invoice, "
        "or who made the reconciliation.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one(
        "account.move", string="Document", readonly=True, index=True, ondelete="set null"
    )
    move_name = fields.Char(string="Document Number", readonly=True)
    counterpart_move_id = fields.Many2one(
        "account.move",
        string="Counterpart",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The credit note of a reversal, or the entry the document was reconciled with.",
    )
    payment_id = fields.Many2one(
        "account.payment", readonly=True, index="btree_not_null", ondelete="set null"
    )
    partial_reconcile_ref = fields.Integer(
        string="Reconciliation Reference",
        readonly=True,
        index="btree_not_null",
        help="Identifier of the partial reconciliation, kept after it is undone.",
    )
    amount = fields.Monetary(
        readonly=True, help="Reconciled amount in company currency, for reconciliation events."
    )

    def init(self):
        # The accuracy metrics check every invoice of a period for a
        # correction, so they need a small index of the corrections only.
        create_index(
            self.env.cr,
            "billing_event_correction_move_index",
            self._table,
            ["move_id"],
            where="event_type IN ('reset_to_draft', 'cancelled', 'reversed')",
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Billing events are recorded by the system only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        # An audit log that could be rewritten would prove nothing.
        raise UserError(self.env._("Billing events are an audit log: they cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Billing events are an audit log: they cannot be deleted."))
