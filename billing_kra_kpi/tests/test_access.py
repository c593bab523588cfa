from odoo.exceptions import AccessError
from odoo.tests import users

from .common import BillingKpiCommon


class TestAccess(BillingKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template_b = cls.Template.create(
            {
                "name": "Company B Clerk",
                "company_id": cls.company_b.id,
                "kra_ids": [(0, 0, {"name": "Company B Area", "weight": 100})],
            }
        )
        cls.kra_b = cls.template_b.kra_ids
        cls.kpi_b = cls.Kpi.create(
            dict(cls._kpi_vals("B1", "Company B KPI", 100), kra_id=cls.kra_b.id)
        )
        cls.manager.write({"company_ids": [(4, cls.company_b.id)]})

    @users("kpi_clerk")
    def test_clerk_reads_configuration(self):
        template = self.template.with_env(self.env)
        self.assertEqual(template.name, "Test Clerk")
        self.assertEqual(template.kra_ids.mapped("name"), ["Invoicing", "Collections"])
        self.assertEqual(template.kpi_ids.mapped("code"), ["T1", "T2", "T3", "T4"])

    @users("kpi_clerk")
    def test_clerk_cannot_change_configuration(self):
        with self.assertRaises(AccessError):
            self.template.with_env(self.env).name = "Renamed"
        with self.assertRaises(AccessError):
            self.kpi_t1.with_env(self.env).target = 50
        with self.assertRaises(AccessError):
            self.env["billing.kra"].create(
                {"name": "Mine", "template_id": self.template.id, "weight": 0}
            )
        with self.assertRaises(AccessError):
            self.kpi_t4.with_env(self.env).unlink()
        with self.assertRaises(AccessError):
            self.template.with_env(self.env).action_set_draft()

    @users("kpi_outsider")
    def test_outsider_cannot_read(self):
        with self.assertRaises(AccessError):
            self.env["billing.kpi.template"].search([])
        with self.assertRaises(AccessError):
            self.env["billing.kpi"].search_read([], ["code"])

    @users("kpi_manager")
    def test_manager_configures(self):
        kpi = self.kpi_t1.with_env(self.env)
        kpi.write({"target": 95, "threshold_amber": 90})
        self.assertEqual(kpi.target, 95)
        template = self.env["billing.kpi.template"].create({"name": "Manager's template"})
        template.unlink()
        self.template.with_env(self.env).action_set_draft()
        self.assertEqual(self.template.state, "draft")

    def test_manager_sees_members(self):
        job = self.env["hr.job"].create({"name": "Test Junior Clerk"})
        employee = self.env["hr.employee"].create({"name": "Junior Clerk", "job_id": job.id})
        template = self.template.with_user(self.manager)
        template.job_ids = job
        self.assertEqual(template.member_ids, employee.with_user(self.manager))
        self.assertEqual(template.member_ids.name, "Junior Clerk")

    def test_clerk_cannot_read_members(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.clerk).read(["member_ids"])

    @users("kpi_manager")
    def test_company_rule_hides_other_company(self):
        Template = self.env["billing.kpi.template"].with_context(
            allowed_company_ids=[self.env.ref("base.main_company").id]
        )
        names = Template.search([]).mapped("name")
        self.assertIn("Test Clerk", names)
        self.assertIn("Billing Clerk", names)
        self.assertNotIn("Company B Clerk", names)
        Kpi = self.env["billing.kpi"].with_context(
            allowed_company_ids=[self.env.ref("base.main_company").id]
        )
        self.assertFalse(Kpi.search([("code", "=", "B1")]))
        with self.assertRaises(AccessError):
            self.kpi_b.with_env(Kpi.env).read(["target"])

    @users("kpi_manager")
    def test_company_rule_shows_allowed_company(self):
        companies = [self.env.ref("base.main_company").id, self.company_b.id]
        Kpi = self.env["billing.kpi"].with_context(allowed_company_ids=companies)
        self.assertEqual(Kpi.search([("code", "=", "B1")]), self.kpi_b)

    def test_menu_visible_to_kpi_groups_only(self):
        root = self.env.ref("billing_kra_kpi.menu_billing_kpi_root")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(root.id, Menu.with_user(self.clerk)._visible_menu_ids())
        self.assertIn(root.id, Menu.with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(root.id, Menu.with_user(self.outsider)._visible_menu_ids())

    def test_admin_is_kpi_administrator(self):
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("billing_kra_kpi.group_kpi_admin")
        )
        self.assertTrue(self.manager.has_group("billing_kra_kpi.group_kpi_user"))
        self.assertFalse(self.clerk.has_group("billing_kra_kpi.group_kpi_manager"))
