from . import dist_demo_generator, dist_demo_history, dist_demo_procure

# isort: split
# Extensions of the generator, one block each so that isort keeps this order:
# the _post_generate of each runs after those imported above it.
from . import dist_demo_generator_procure

# isort: split
from . import dist_demo_generator_landed

# isort: split
from . import dist_demo_generator_scan

# isort: split
from . import dist_demo_generator_intercompany

# isort: split
from . import dist_demo_generator_kpi
