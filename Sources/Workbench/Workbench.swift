import Jupyter
