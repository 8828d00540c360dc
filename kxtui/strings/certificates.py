"""Certificates (志愿服务记录证明): their dialog, register, CLI and messages."""

STRINGS: dict[str, tuple[str, str]] = {
    "certificate.bad_format": (
        "证明编号格式“{form}”无效：须含 {{sequence}}，如 {{short}}科协志证〔{{year}}〕第{{sequence:04d}}号",
        'The certificate number form "{form}" is invalid: it needs {{sequence}}, e.g. {{short}}科协志证〔{{year}}〕第{{sequence:04d}}号',
    ),
    "certificate.none": (
        "所选 {count} 名志愿者在该期间都没有可证明的服务时数：不出具证明",
        "None of the {count} volunteers chosen has service hours to certify in that period: no certificate issued",
    ),
    "certificate.nothing": (
        "{name} 在该期间没有可证明的服务时数：不出具证明",
        "{name} has no service hours to certify in that period: no certificate issued",
    ),
    "certificate.number_taken": (
        "证明编号与另一县的编号重复：请为各县设置不同的简称（certificate.<县id>.short_name）",
        "A certificate number repeats another county's: give each county its own short name (certificate.<county id>.short_name)",
    ),
    "certificate.stage_document": ("正在生成证明文档", "Writing the document"),
    "certificate.stage_issue": ("正在编号登记", "Numbering and registering"),
    "certificate.stage_read": ("正在统计服务时数", "Adding up service hours"),
    "certificate.team_ambiguous": (
        "“{text}”指多支服务队：{choices}",
        '"{text}" names several teams: {choices}',
    ),
    "certificate.team_unknown": ("没有名为“{text}”的服务队", 'No team named "{text}"'),
}
