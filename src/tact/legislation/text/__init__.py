"""Pure-Python text layer of the legislation module.

Nothing here imports Django or touches the database, so splitting laws, analysing text and
ranking suggestions can be tested, benchmarked and reused (management commands, tasks, the
bench script) without a configured project.
"""
