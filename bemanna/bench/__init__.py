"""`make bench`: each speed goal of the issues, measured and printed next to its reference."""


def peak_mb() -> float:
    """This process's own peak memory (VmHWM). `ru_maxrss` would not do: on Linux it carries
    over the parent's peak into a forked child, so every step showed the parent's size."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
