"""Files: reading YAML with the line of every value, editing its text in place, writing atomically.

    yaml_read    YAML -> plain data with positions; duplicate keys refused; bounded whatever the file holds
    parse_cache  the reader through a cache keyed by each file's bytes (an unchanged file is not parsed again)
    yaml_ops     edits as values (`Op`) and values rendered as YAML text
    yaml_splice  `Op`s written into a file's text, re-read and verified
    atomic       the one atomic writer; fingerprints of files read; `save_file` for a user's data file
    lock         one writer at a time in a folder of plans
    crash        the report of an unexpected exception (no values), and exit status 70
"""
