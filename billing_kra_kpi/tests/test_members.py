from odoo import Command

from .common import BillingKpiCommon


class TestMembers(BillingKpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.job_clerk = cls.env["hr.job"].create({"name": "Test Invoicing Clerk"})
        cls.job_other = cls.env["hr.job"].create({"name": "Test Storekeeper"})
        cls.clerk_a = Employee.create({"name": "Clerk A", "job_id": cls.job_clerk.id})
        cls.clerk_b = Employee.create({"name": "Clerk B", "job_id": cls.job_clerk.id})
        cls.clerk_other_company = Employee.create(
            {"name": "Clerk C", "job_id": cls.job_clerk.id, "company_id": cls.company_b.id}
        )
        cls.storekeeper = Employee.create({"name": "Storekeeper", "job_id": cls.job_other.id})

    def test_members_from_jobs(self):
        self.template.job_ids = self.job_clerk
        self.assertEqual(
            self.template.member_ids, self.clerk_a | self.clerk_b | self.clerk_other_company
        )
        self.assertEqual(self.template.member_count, 3)

    def test_members_explicit_and_jobs(self):
        self.template.write(
            {
                "job_ids": [Command.set(self.job_clerk.ids)],
                "employee_ids": [Command.set(self.storekeeper.ids)],
            }
        )
        self.assertEqual(
            self.template.member_ids,
            self.clerk_a | self.clerk_b | self.clerk_other_company | self.storekeeper,
        )

    def test_members_of_template_company_only(self):
        self.template.write(
            {"job_ids": [Command.set(self.job_clerk.ids)], "company_id": self.env.company.id}
        )
        self.assertEqual(self.template.member_ids, self.clerk_a | self.clerk_b)

    def test_members_follow_job_change(self):
        self.template.job_ids = self.job_clerk
        self.clerk_b.job_id = self.job_other
        self.template.invalidate_recordset(["member_ids"])
        self.assertEqual(self.template.member_ids, self.clerk_a | self.clerk_other_company)

    def test_archived_employee_not_member(self):
        self.template.job_ids = self.job_clerk
        self.clerk_a.active = False
        self.template.invalidate_recordset(["member_ids"])
        self.assertNotIn(self.clerk_a, self.template.member_ids)

    def test_no_jobs_no_members(self):
        self.assertFalse(self.template.member_ids)
        self.assertEqual(self.template.member_count, 0)
