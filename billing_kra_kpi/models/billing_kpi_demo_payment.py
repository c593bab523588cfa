from odoo import api, models


class BillingKpiDemo(models.AbstractModel):
    """Payment actions of the demo plan, each run as the clerk. The clerk
    registers customer payments with the wizard, whole or in part, and
    registers payments that came without reference. Later the clerk matches
    those with their invoice (sometimes first with the wrong one) and logs
    notes on old unmatched ones."""

    _inherit = "billing.kpi.demo"

    @api.model
    def _open_invoices(self, run, keys):
        moves = self.env["account.move"].union(*(run.moves[key] for key in keys))
        return moves.filtered(
            lambda move: move.state == "posted" and move.payment_state in ("not_paid", "partial")
        )

    @api.model
    def _payment_wizard(self, moves, action, vals):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create({"payment_date": action.when.date(), **vals})
        )

    @api.model
    def _do_pay(self, run, action):
        """Register the payment of the whole residual of each invoice."""
        moves = self._open_invoices(run, action.keys)
        if moves:
            wizard = self._payment_wizard(moves, action, {"installments_mode": "full"})
            wizard._create_payments()

    @api.model
    def _do_pay_part(self, run, action):
        """Register a payment of a share of the residual, or of the first
        open instalment when the plan gives no share."""
        move = self._open_invoices(run, action.keys)
        if not move:
            return
        if action.share:
            amount = move.currency_id.round(move.amount_residual * action.share)
        else:
            instalments = move.line_ids.filtered(
                lambda line: line.display_type == "payment_term" and not line.reconciled
            ).sorted("date_maturity")
            amount = instalments[:1].amount_residual_currency
        wizard = self._payment_wizard(
            move, action, {"amount": amount, "payment_difference_handling": "open"}
        )
        wizard._create_payments()

    @api.model
    def _do_receive(self, run, action):
        """Register a payment of the invoice's residual that came without a
        reference, so that it stays unmatched for now."""
        move = self._open_invoices(run, action.keys)
        if not move:
            return
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": move.commercial_partner_id.id,
                "amount": move.amount_residual,
                "currency_id": move.currency_id.id,
                "date": action.when.date(),
                "journal_id": run.bank_journal.id,
            }
        )
        payment.action_post()
        run.payments[action.keys[0]] = payment

    @api.model
    def _payment_line(self, run, key):
        """Return the open receivable line of the unmatched payment of ``key``."""
        payment = run.payments.get(key)
        if not payment:
            return self.env["account.move.line"]
        return payment.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )

    @api.model
    def _do_match(self, run, action):
        line = self._payment_line(run, action.keys[0])
        move = self._open_invoices(run, action.keys)
        if line and move:
            move.js_assign_outstanding_line(line.id)

    @api.model
    def _do_mismatch(self, run, action):
        """Match the payment with the oldest other open invoice of the same
        customer and currency, or with its own when there is none."""
        key = action.keys[0]
        line = self._payment_line(run, key)
        own = run.moves[key]
        if not line:
            return
        wrong = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("commercial_partner_id", "=", own.commercial_partner_id.id),
                ("currency_id", "=", own.currency_id.id),
                ("id", "!=", own.id),
            ],
            order="invoice_date, id",
            limit=1,
        )
        (wrong or own).js_assign_outstanding_line(line.id)

    @api.model
    def _do_unmatch(self, run, action):
        """Undo the matches of the payment with invoices other than its own."""
        key = action.keys[0]
        payment = run.payments.get(key)
        if not payment:
            return
        own = run.moves[key]
        lines = payment.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        wrong = [
            (partial.debit_move_id.move_id, partial)
            for partial in lines.matched_debit_ids
            if partial.debit_move_id.move_id != own
        ]
        for invoice, partial in wrong:
            # Undoing one match may remove others with it (exchange differences).
            if partial.exists():
                invoice.js_remove_outstanding_partial(partial.id)

    @api.model
    def _do_review(self, run, action):
        """Log a note on the payment while it is still unmatched."""
        if not self._payment_line(run, action.keys[0]):
            return
        run.payments[action.keys[0]].message_post(
            body=self.env._(
                "No invoice found for this payment yet; asked the customer for the invoice number."
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            date=action.when,
        )
