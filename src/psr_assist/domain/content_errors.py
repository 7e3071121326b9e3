class ContentError(ValueError):
    """A shipped content file is broken; the message names the file and the problem."""
