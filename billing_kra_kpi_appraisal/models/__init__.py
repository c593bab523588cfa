from . import billing_appraisal_result
from . import billing_appraisal_result_kra
from . import billing_appraisal_result_scorecard
from . import billing_scorecard
from . import hr_appraisal
from . import hr_employee
