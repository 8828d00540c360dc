"""A terminal driver that notices when its terminal is gone.

Textual's Linux driver reads the terminal in a thread that, at end-of-file, goes on selecting
a descriptor that is always readable (a process left spinning at 100 % CPU after its SSH
connection dropped), and dies silently on EIO. This driver reads the same way but tells the
app to hang up instead. The loop below follows `LinuxDriver.run_input_thread` of the pinned
Textual version; only the two end-of-input branches differ, and bytes that are not UTF-8 are
replaced instead of ending the reader (and so the app) with UnicodeDecodeError.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class HangUpAwareDriver(LinuxDriver):
    def _input_ended(self, reason: str) -> None:
        hang_up = getattr(self._app, "hang_up", None)
        if hang_up is not None:
            self._loop.call_soon_threadsafe(hang_up, reason)
        self.exit_event.set()

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        # a byte that is not UTF-8 (a terminal in GBK, line noise) becomes U+FFFD, not a crash
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        try:
            while not self.exit_event.is_set():
                events = selector.select(0.1)
                for _key, mask in events:
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 1024 * 4)
                    except OSError:  # EIO: the terminal was hung up
                        self._input_ended("eio")
                        return
                    if not data:  # end of file: nobody will type here again
                        self._input_ended("eof")
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
