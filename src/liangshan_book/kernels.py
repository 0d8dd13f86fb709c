"""Notebook kernels that talk to the build over local sockets (IPC), not over TCP.

A kernel started over TCP without CurveZMQ keys prints, at every start, a notice that its
traffic is unencrypted. The build's kernels (pre-execution, myst-nb, ``run_chapter``, JupyterLab
started by ``make lab``) all run on this machine, so they need no network port at all: this
module's :class:`IPCProvisioner` starts them on Unix domain sockets in Jupyter's runtime folder
(readable by their owner only), where nothing is sent over the network and the kernel has
nothing to warn about.

jupyter_client picks the provisioner of a kernel from its kernelspec or, when the kernelspec names
none (ipykernel's ``python3`` does not), from ``$JUPYTER_DEFAULT_PROVISIONER_NAME``. The
provisioner is registered under :data:`PROVISIONER` as an entry point (``pyproject.toml``), and
:func:`use_ipc` sets the variable for the current process and the processes it starts; the
build, pre-execution and ``run_chapter`` call it, and as a Sphinx extension (listed in
``_config.yml``) this module calls it too, so that a plain ``jupyter-book build`` of the book is
covered.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

#: Name of the provisioner's entry point (group ``jupyter_client.kernel_provisioners``).
PROVISIONER = "liangshan-ipc-provisioner"
#: The environment variable through which jupyter_client picks the default provisioner.
ENV = "JUPYTER_DEFAULT_PROVISIONER_NAME"
#: Longest path a Unix domain socket may have on Linux (108 bytes with the final NUL), less the
#: "-N" suffix jupyter_client appends for each of the kernel's five channels.
_MAX_SOCKET_PREFIX = 100


def use_ipc() -> None:
    """Make the kernels this process starts (and its children start) use IPC, unless the
    variable already names another provisioner."""
    os.environ.setdefault(ENV, PROVISIONER)


def socket_prefix(kernel_id: str) -> str:
    """Where a kernel's sockets go: ``<Jupyter runtime dir>/k-<id>-ipc`` (the channels append
    ``-1`` to ``-5``), an absolute path, since the kernel runs in another working directory."""
    from jupyter_core.paths import jupyter_runtime_dir

    runtime = Path(jupyter_runtime_dir())
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    prefix = str(runtime / f"k-{kernel_id[:12]}-ipc")
    if len(prefix.encode()) > _MAX_SOCKET_PREFIX:
        raise RuntimeError(f"the Jupyter runtime folder's path is too long for a socket: {runtime} "
                           "(set JUPYTER_RUNTIME_DIR to a shorter one)")
    return prefix


class IPCProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the kernel's channels on IPC sockets."""

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        """Switch the kernel manager to IPC before it writes the connection file."""
        km = self.parent
        if km is not None and km.transport != "ipc":
            km.transport = "ipc"
            km.cache_ports = False  # ports are socket-file suffixes here, not TCP ports
            km.ip = socket_prefix(self.kernel_id)
        return await super().pre_launch(**kwargs)


def setup(app):
    """Sphinx extension: the kernels myst-nb starts during this build use IPC."""
    use_ipc()
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
