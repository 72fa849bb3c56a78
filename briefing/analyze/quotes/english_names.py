"""Given names that mark a person as a man or a woman, for "he" and "she" in English
quotes. Common given names in English-language news, written for this project from
general knowledge; names given to both (Jordan, Kim, Jean, Andrea ...) are left out."""

from __future__ import annotations

MALE = frozenset(
    """
aaron abdul abdullah adam adrian ahmad ahmed alan albert alexander alexei ali andrew andrei
angelo anthony antonio arthur ben benjamin bernard bill billy bob boris brad bradley brandon
brian bruce bryan carl carlos charles charlie christopher colin craig dan daniel darren david
dennis derek dmitry donald doug douglas duncan dylan edward emmanuel eric erik evan frank
fred george gerald gordon graham greg gregory hamid harold harry hassan henry howard hugh
ian igor ivan jack jacob jake james jason jeff jeffrey jeremy jerry jim jimmy joe joel john
johnny jonathan jorge jose joseph josh joshua juan justin keith ken kenneth kevin khalid
kyle larry lawrence leonard louis luis luke marco marcus mark martin matt matthew michael
mike mitch mitchell mohamed mohammad mohammed muhammad nathan neil nicholas nick nicolas
omar oscar patrick paul pedro peter philip phillip pierre rafael ralph randy ray raymond
richard rick robert roger ron ronald roy russell ryan salman samuel scott sean sergei sergey
simon stephen steve steven stuart ted theodore thomas tim timothy todd tom tony victor
vladimir walter wayne william xi yusuf zachary
""".split()
)

FEMALE = frozenset(
    """
abigail alice alicia alison amanda amber amy ana angela angelina ann anna anne annie
barbara betty beth betsy brenda bridget brittany caroline carol carolyn catherine cathy
charlotte cheryl christina christine claire clara cynthia debbie deborah debra denise diana
diane donna doris dorothy elaine eleanor elena elisabeth elizabeth ellen emily emma erica
erin fatima fiona frances gabriela gillian gloria grace hannah heather helen hillary holly
ingrid irene isabel jane janet janice jennifer jessica jill joan joanna joyce judith judy
julia julie karen kate katherine kathleen kathryn kathy katie kelly kristen laura lauren
leila linda lisa liz lori louise lucy lynn margaret maria marie marilyn martha mary maya
megan melania melanie melissa michelle monica nadia nancy natalia natalie nicole nikki nina
olga olivia pamela patricia paula rachel rebecca rita rosa rose ruth samantha sandra sara
sarah sharon sheila shirley sophie stephanie susan suzanne tamara teresa theresa tina
valerie vanessa victoria virginia wendy yasmin yulia zainab
""".split()
)
