from feeds.cli import entrypoint

if __name__ == "__main__":  # Dask's worker processes import this module
    entrypoint()
