"""A full or read-only data directory (issue 12, item 7): the upload answers a clear message, not a 500, and
no partial file stays behind; `import-cleanup` removes files no job names."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry.roster_import.models import ImportJob

from .conftest import ROWS, roster_csv, upload

ROOT = Path(__file__).resolve().parents[3]

# import_job_create with writes limited to 4 kB (RLIMIT_FSIZE: what a full disk does to a write); the job's
# row is never reached, so no database is needed. Prints the message, then the files left.
_FULL = """
import resource, signal, sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from llct.accounts.models import User
from llct.errors import AppError
from llct.registry.models import Unit
from llct.registry.roster_import.jobs import import_job_create
from django.conf import settings
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
try:
    import_job_create(user=User(), unit=Unit(), upload=SimpleUploadedFile("ds.csv", b"x" * 100_000))
except AppError as error:
    print(error.messages[0])
print([str(p) for p in (settings.MEDIA_ROOT).rglob("*") if p.is_file()])
"""


def test_a_read_only_data_directory_answers_a_message_and_writes_nothing(client, tree, make_user, settings):
    settings.MEDIA_ROOT = "/proc/llct-read-only"  # /proc refuses new directories, root or not
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    response = client.post(
        reverse("roster:import_start"), {"file": upload(roster_csv(*ROWS)), "unit": tree["north"].pk}
    )
    assert response.status_code == 200
    assert "không ghi được" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_full_disk_leaves_no_partial_upload(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", _FULL],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "llct.settings", "LLCT_DATA_DIR": str(tmp_path)},
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    message, files = done.stdout.strip().splitlines()[-2:]
    assert "ổ đĩa của máy chủ đã đầy" in message
    assert files == "[]"


def test_cleanup_removes_files_no_job_names(tree, make_user):
    board = make_user(Role.ORG_BOARD, tree["north"])
    storage = ImportJob._meta.get_field("file").storage
    orphan = storage.save("imports/2026/03/left-by-a-crash.csv", ContentFile(b"CCCD"))
    job = ImportJob.objects.create(created_by=board, unit=tree["north"], filename="a.csv")
    job.file.save("kept.csv", ContentFile(b"x"))  # a job still checking needs its file
    call_command("import-cleanup")
    assert not storage.exists(orphan)
    assert storage.exists(job.file.name)
