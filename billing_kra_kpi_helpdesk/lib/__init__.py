from . import work_time
