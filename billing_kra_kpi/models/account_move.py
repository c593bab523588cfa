from odoo import SUPERUSER_ID, fields, models

CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    billing_posted_by_id = fields.Many2one(
        "res.users",
        string="First Posted By",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The user who first posted this customer invoice or credit note. When "
        "the scheduled action posts it, the user who created it.",
    )
    billing_posted_at = fields.Datetime(
        string="First Posted On", readonly=True, copy=False, index="btree_not_null"
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        customer_moves = posted.filtered(lambda m: m.move_type in CUSTOMER_MOVE_TYPES)
        if customer_moves:
            customer_moves._billing_record_posting()
        return posted

    def _billing_record_posting(self):
        """Stamp the first poster of each move and log the postings, and the
        reversals that posted credit notes complete."""
        now = fields.Datetime.now()
        actor = self.env.user

        first_postings = self.filtered(lambda m: not m.billing_posted_at)
        by_poster = first_postings.grouped(lambda m: m._billing_poster(actor))
        for poster, moves in by_poster.items():
            moves.sudo().write({"billing_posted_by_id": poster.id, "billing_posted_at": now})

        events = []
        for move in self:
            events.append(move._billing_event_vals("posted", now, actor))
            origin = move.reversed_entry_id
            if move.move_type == "out_refund" and origin:
                vals = origin._billing_event_vals("reversed", now, actor)
                vals["counterpart_move_id"] = move.id
                events.append(vals)
        self.env["billing.event"].sudo().create(events)

    def _billing_poster(self, actor):
        # The auto-post scheduled action runs as OdooBot: credit the creator.
        if actor.id == SUPERUSER_ID:
            return self.create_uid
        return actor

    def _billing_event_vals(self, event_type, date, actor):
        return {
            "event_type": event_type,
            "date": date,
            "user_id": actor.id,
            "responsible_user_id": self.billing_posted_by_id.id,
            "company_id": self.company_id.id,
            "move_id": self.id,
            "move_name": self.name,
        }

    def button_draft(self):
        was_posted = self.filtered(
            lambda m: m.move_type in CUSTOMER_MOVE_TYPES and m.state in ("posted", "cancel")
        )
        result = super().button_draft()
        was_posted._billing_log("reset_to_draft")
        return result

    def button_cancel(self):
        # A draft that was never posted is not a billing error: skip it.
        was_posted = self.filtered(
            lambda m: m.move_type in CUSTOMER_MOVE_TYPES and m.posted_before and m.state != "cancel"
        )
        result = super().button_cancel()
        was_posted._billing_log("cancelled")
        return result

    def _billing_log(self, event_type):
        if not self:
            return
        now = fields.Datetime.now()
        self.env["billing.event"].sudo().create(
            [move._billing_event_vals(event_type, now, self.env.user) for move in self]
        )
