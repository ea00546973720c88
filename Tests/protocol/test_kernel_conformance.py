"""jupyter_kernel_test's standard conformance suite, with every sample filled in."""
import unittest

import jupyter_kernel_test

from conftest import ROOT

SEMICIRCLES = ROOT / "data" / "semicircles.csv"


class HTIKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "hti"
    language_name = "hti"
    file_extension = ".hti"

    code_hello_world = 'print "hello, world"'
    code_stderr = 'print "oops" to=stderr'

    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "print x t", "matches": {"to="}},
        {"text": "print x to=std", "matches": {"stdout", "stderr"}},
        {"text": "he", "matches": {"help"}},
    ]
    complete_code_samples = ['print "a"', "who", "help sleep  # comment", "print 1 \\\n  to=stderr", ""]
    incomplete_code_samples = ["print 1 \\", "x = fit d \\\n  steps=3 \\"]
    # Strings end on their line: an open quote is an error to report, not more input to wait for.
    invalid_code_samples = ["x = = 1", "print 1 ,", "= 3", 'print "open', "%time"]

    code_execute_result = [
        {"code": "42", "result": "42"},
        {"code": "0.25", "result": "0.25"},
        {"code": '"some text"', "result": "some text"},
    ]
    # A value shown before a cell's last line is display_data (the last is execute_result).
    code_display_data = [
        {"code": f'd = load "{SEMICIRCLES}" condition=arc\nshow d\nwho', "mime": "text/html"},
        {"code": '"first"\n"second"', "mime": "text/plain"},
    ]
    code_history_pattern = "4*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "sleep"
    code_clear_output = "clear"
    code_generate_error = "no_such_command"


if __name__ == "__main__":
    unittest.main()
