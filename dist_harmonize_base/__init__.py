from . import models, report, tools, wizards
from .hooks import post_init_hook
