"""The six product groups of Decision 148/QĐ-TTg, which apply when data/groups.yaml is absent."""

from __future__ import annotations

from .schema import Group
from .values import Text

DEFAULT_GROUPS = [
    Group(id="thuc-pham", name=Text(vi="Thực phẩm", en="Food")),
    Group(id="do-uong", name=Text(vi="Đồ uống", en="Beverages")),
    Group(id="duoc-lieu", name=Text(vi="Dược liệu và sản phẩm từ dược liệu", en="Medicinal herbs and herbal products")),
    Group(id="thu-cong-my-nghe", name=Text(vi="Hàng thủ công mỹ nghệ", en="Handicrafts")),
    Group(id="sinh-vat-canh", name=Text(vi="Sinh vật cảnh", en="Ornamental plants and animals")),
    Group(
        id="du-lich",
        name=Text(
            vi="Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
            en="Community tourism, eco-tourism and tourist sites",
        ),
    ),
]
