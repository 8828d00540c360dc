"""The shares the province demo draws with, among them the deliberate data problems that the
roster checks must find. Each is a probability per row of the kind named."""

# volunteers
STUDENT_URBAN = 0.12  # volunteers of a community (社区) who are students
STUDENT_RURAL = 0.06  # of a village (村)
ID_NUMBER = 0.3  # volunteers with a resident ID number (and then a birth date)
REGISTERED = 0.7  # registered on the national platform (大美志愿)
INACTIVE = 0.05

# deliberate problems
MISSING_MOBILE = 0.02  # volunteers without a mobile
SHARED_MOBILE = 0.003  # volunteers given the mobile of an earlier volunteer of their county
ID_WRONG_CHECK = 0.004  # ID numbers whose check character is wrong
ID_DIGIT_DROPPED = 0.001  # ID numbers with a digit missing (17 characters)
REGISTERED_WITHOUT_PLATFORM_ID = 0.02  # registered volunteers without a platform ID
INACTIVE_STILL_IN_TEAMS = 0.3  # inactive volunteers who were not taken off their teams
SMALL_TEAM = 0.06  # professional teams (专业队) that never grew past one or two members

# officers
GRID_OFFICER_VOLUNTEER = 0.75  # grid officers with a volunteer record (一员双责)
