from . import models
from .models.jalali_sql import drop_jalali_calendar


def uninstall_hook(env):
    drop_jalali_calendar(env.cr)
