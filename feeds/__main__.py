from feeds.cli import entrypoint

entrypoint()
