from odoo import api, fields, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._billing_log("reconciled")
        return partials

    def unlink(self):
        # Log before the rows are gone: Odoo keeps no trace of them afterwards.
        self._billing_log("unreconciled")
        return super().unlink()

    def _billing_is_exchange_difference(self):
        exchange_journal = self.company_id.currency_exchange_journal_id
        moves = self.debit_move_id.move_id | self.credit_move_id.move_id
        return bool(exchange_journal) and exchange_journal in moves.journal_id

    def _billing_log(self, event_type):
        """Log reconciliations of receivable lines, credited to the user who made
        the reconciliation. Exchange differences, which Odoo books by itself,
        are left out."""
        receivables = self.filtered(
            lambda p: (
                p.debit_move_id.account_id.account_type == "asset_receivable"
                or p.credit_move_id.account_id.account_type == "asset_receivable"
            )
            and not p._billing_is_exchange_difference()
        )
        if not receivables:
            return
        now = fields.Datetime.now()
        events = []
        for partial in receivables:
            debit_move = partial.debit_move_id.move_id
            credit_move = partial.credit_move_id.move_id
            payment = credit_move.origin_payment_id or debit_move.origin_payment_id
            reconciler = partial.create_uid if event_type == "unreconciled" else self.env.user
            events.append(
                {
                    "event_type": event_type,
                    "date": now,
                    "user_id": self.env.user.id,
                    "responsible_user_id": reconciler.id,
                    "company_id": partial.company_id.id,
                    "move_id": debit_move.id,
                    "move_name": debit_move.name,
                    "counterpart_move_id": credit_move.id,
                    "payment_id": payment.id,
                    "partial_reconcile_ref": partial.id,
                    "amount": partial.amount,
                }
            )
        self.env["billing.event"].sudo().create(events)
