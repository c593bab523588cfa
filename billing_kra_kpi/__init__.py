from . import lib, models, wizards
from .hooks import post_init_hook
