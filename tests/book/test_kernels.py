"""The build's kernels talk over local sockets (liangshan_book.kernels), so none prints the
notice that its TCP channels are unencrypted."""
import nbformat
import pytest
from scratch import TCP_NOTICE

from liangshan_book import kernels


def test_use_ipc_names_the_provisioner_unless_another_is_named(monkeypatch):
    monkeypatch.delenv(kernels.ENV, raising=False)
    kernels.use_ipc()
    assert kernels.os.environ[kernels.ENV] == "liangshan-ipc-provisioner"
    monkeypatch.setenv(kernels.ENV, "someone-elses-provisioner")
    kernels.use_ipc()
    assert kernels.os.environ[kernels.ENV] == "someone-elses-provisioner"


def test_the_provisioner_is_registered_under_its_name():
    from importlib.metadata import entry_points

    (entry,) = entry_points(group="jupyter_client.kernel_provisioners",
                            name=kernels.PROVISIONER)
    assert entry.load() is kernels.IPCProvisioner


def test_sockets_go_to_the_runtime_folder_by_absolute_path(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "run"))
    prefix = kernels.socket_prefix("0123456789abcdef-rest-of-the-id")
    assert prefix == str(tmp_path / "run" / "k-0123456789ab-ipc")
    assert (tmp_path / "run").is_dir()


def test_a_runtime_folder_too_long_for_a_socket_path_is_refused(monkeypatch, tmp_path):
    deep = tmp_path / ("x" * 100)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(deep))
    with pytest.raises(RuntimeError, match="too long for a socket"):
        kernels.socket_prefix("0123456789abcdef")


def _run_a_cell(monkeypatch, provisioner):
    from jupyter_client.provisioning.factory import KernelProvisionerFactory
    from nbclient import NotebookClient

    monkeypatch.setenv(kernels.ENV, provisioner)
    KernelProvisionerFactory.clear_instance()  # a singleton: it reads the variable once
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    seen = {}
    client = NotebookClient(nb, kernel_name="python3", timeout=120,
                            on_notebook_start=lambda notebook: seen.update(t=client.km.transport))
    try:
        client.execute()
    finally:
        KernelProvisionerFactory.clear_instance()
    return seen["t"], nb.cells[0].outputs[0]["text"]


@pytest.mark.build
def test_a_kernel_started_through_the_provisioner_runs_over_ipc_and_prints_no_notice(
        monkeypatch, capfd):
    transport, printed = _run_a_cell(monkeypatch, kernels.PROVISIONER)
    assert (transport, printed) == ("ipc", "42\n")
    assert TCP_NOTICE not in capfd.readouterr().err
    # the control: jupyter_client's own provisioner uses TCP, and the kernel says so
    transport, printed = _run_a_cell(monkeypatch, "local-provisioner")
    assert (transport, printed) == ("tcp", "42\n")
    assert TCP_NOTICE in capfd.readouterr().err
