from odoo import Command, api, models

from ..lib import demo_profiles as profiles

# Corrections of an invoice posted with a wrong quantity on its first line,
# which the clerk sets right when posting again or issuing it anew.
WRONG_QUANTITY = ("reset", "credit_note")


class BillingKpiDemo(models.AbstractModel):
    """Invoice actions of the demo plan, each run as the clerk: post a day's
    invoices, reset one to draft and post it again, reverse one with the
    credit note wizard (the whole invoice, issued anew, or part of it)."""

    _inherit = "billing.kpi.demo"

    @api.model
    def _do_post(self, run, action):
        planned = [run.plan.invoices[key] for key in action.keys]
        moves = self.env["account.move"].create(
            [self._invoice_vals(run, invoice) for invoice in planned]
        )
        moves.action_post()
        for invoice, move in zip(planned, moves, strict=True):
            run.moves[invoice.key] = move
            run.cycle_hours[move.id] = invoice.cycle_hours
            run.posting_times[move.id] = invoice.posted_at
        run.move_ids += moves.ids
        self._attach_documents(
            [move for invoice, move in zip(planned, moves, strict=True) if invoice.attachment],
            "purchase-order",
        )

    @api.model
    def _invoice_vals(self, run, invoice):
        customer = profiles.CUSTOMERS[invoice.customer]
        currency = run.currency if customer.foreign_currency else self.env.company.currency_id
        lines = []
        for position, (product, planned) in enumerate(invoice.lines):
            wrong = position == 0 and invoice.correction in WRONG_QUANTITY
            quantity = planned + 1 if wrong else planned
            lines.append(
                Command.create(
                    {
                        "product_id": run.products[product].id,
                        "quantity": quantity,
                        "price_unit": profiles.PRODUCTS[product][1],
                    }
                )
            )
        return {
            "move_type": "out_invoice",
            "partner_id": run.customers[invoice.customer].id,
            "currency_id": currency.id,
            "invoice_date": invoice.day,
            "invoice_line_ids": lines,
        }

    @api.model
    def _attach_documents(self, moves, prefix):
        """Attach a supporting document of its own to each of ``moves``."""
        self.env["ir.attachment"].create(
            [
                {
                    "name": "%s-%s.txt" % (prefix, move.name.replace("/", "-")),
                    "res_model": "account.move",
                    "res_id": move.id,
                    "mimetype": "text/plain",
                    "raw": ("%s %s\n" % (prefix, move.name)).encode(),
                }
                for move in moves
            ]
        )

    @api.model
    def _do_reset(self, run, action):
        run.moves[action.keys[0]].button_draft()

    @api.model
    def _do_repost(self, run, action):
        invoice = run.plan.invoices[action.keys[0]]
        move = run.moves[invoice.key]
        move.invoice_line_ids[:1].quantity = invoice.lines[0][1]
        move.action_post()

    @api.model
    def _reversal_wizard(self, move, action, reason):
        return (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create(
                {"date": action.when.date(), "reason": reason, "journal_id": move.journal_id.id}
            )
        )

    @api.model
    def _do_credit_note(self, run, action):
        """Reverse the whole invoice and issue it anew with the right
        quantity: the wizard's "Reverse and create invoice"."""
        invoice = run.plan.invoices[action.keys[0]]
        move = run.moves[invoice.key]
        wizard = self._reversal_wizard(move, action, self.env._("Wrong quantity invoiced"))
        wizard.modify_moves()
        replacement = wizard.new_move_ids
        credit_note = move.reversal_move_ids
        # The copy carries no invoice date: posting would date it today.
        replacement.invoice_date = action.when.date()
        replacement.invoice_line_ids[:1].quantity = invoice.lines[0][1]
        replacement.action_post()
        run.moves[invoice.key] = replacement
        run.move_ids += (credit_note | replacement).ids
        if invoice.attachment:
            self._attach_documents(credit_note, "customer-complaint")

    @api.model
    def _do_partial_credit_note(self, run, action):
        """Credit part of the invoice after a complaint and post the credit
        note."""
        invoice = run.plan.invoices[action.keys[0]]
        move = run.moves[invoice.key]
        wizard = self._reversal_wizard(move, action, self.env._("Discount after a complaint"))
        wizard.refund_moves()
        credit_note = wizard.new_move_ids
        for line in credit_note.invoice_line_ids:
            line.price_unit = round(line.price_unit * action.share, 2)
        # Posting reconciles the credit note with the invoice it reverses.
        credit_note.action_post()
        run.move_ids += credit_note.ids
        if invoice.attachment:
            self._attach_documents(credit_note, "customer-complaint")
