"""The string tables, one module per area of kxtui, each `STRINGS = {key: (Chinese, English)}`
sorted by key; `kxtui.i18n` joins them and formats them. A key's first part names its area."""
