from tests.dbfixtures import *
