from . import dist_demo_generator, dist_demo_history
