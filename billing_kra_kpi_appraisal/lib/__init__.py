from . import appraisal_period
