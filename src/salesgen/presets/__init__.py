"""The shipped scenario presets, as plain YAML files (data only).

Loading and merging them is ``salesgen.config.presets``; ``salesgen presets``
lists them and ``salesgen presets --show NAME`` prints one to copy and edit.
"""
