"""志愿服务记录证明: volunteers' certificates of service, as 《志愿服务记录与证明出具办法(试行)》
(民政部令第67号) asks — "谁记录谁证明": the county 科协 that recorded the service proves it.

- `contents`: what a certificate certifies for a period (hours, historical part, summary, list);
- `issue`: numbers from the county's series of the year, the register row, the audit entry;
- `document`: the DOCX, one page per volunteer; `wording`: what it says;
- `files`: who gets one (a volunteer, a team, the roster's filter) and the file;
- `register`: the certificates issued, on screen and as XLSX.
"""
