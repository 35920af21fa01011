from . import test_reward_conditions
from . import test_levels_and_cards
from . import test_points_expiry
from . import test_staff_reminders
from . import test_persian
from . import test_card_mail
from . import test_persian_tour
