"""Officer pages of task tracking (HTML, thin): directives, tasks, reports, imports."""
