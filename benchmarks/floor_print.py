"""The print floor: import rich, yaml and pydantic, define a small model, print a Rich panel."""

import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.panel import Panel


class Item(BaseModel):
    name: str
    count: int = 0


item = Item.model_validate(yaml.safe_load("name: floor\ncount: 1\n"))
Console().print(Panel(item.name))
