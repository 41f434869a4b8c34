"""Forms of traceability: the shape of the input; the services enforce the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit
from egov.traceability.choices import (
    BizStep,
    CertificateKind,
    FacilityKind,
    InspectionResult,
    ProducerKind,
    ProductCategory,
    UnitOfMeasure,
)
from egov.traceability.models import Batch, Facility, Producer, Product
from egov.traceability.services_events import InputUse

DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
STARS = [("", "—")] + [(n, "★" * n) for n in range(1, 6)]


class ProducerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProducerKind.choices)
    unit = UnitChoiceField(
        label=_("Commune or ward"),
        queryset=OrgUnit.objects.filter(status="active", kind__in=["commune", "district"]),
    )
    address = forms.CharField(label=_("Address"), max_length=300)
    gln = forms.CharField(label=_("GLN"), max_length=13, required=False)


class FacilityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Facility kind"), choices=FacilityKind.choices)
    code = forms.CharField(label=_("Area or facility code"), max_length=40, required=False)
    gln = forms.CharField(label=_("GLN"), max_length=13, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6
    )


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=ProductCategory.choices)
    gtin = forms.CharField(
        label=_("GTIN"),
        max_length=14,
        required=False,
        help_text=_("Leave empty to get a code from the platform."),
    )
    ocop_stars = forms.TypedChoiceField(
        label=_("OCOP stars"), choices=STARS, coerce=int, empty_value=None, required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    image = forms.FileField(label=_("Image"), required=False)


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Certificate"), choices=CertificateKind.choices)
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), required=False
    )
    number = forms.CharField(label=_("Number"), max_length=60)
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    stars = forms.TypedChoiceField(
        label=_("OCOP stars"), choices=STARS, coerce=int, empty_value=None, required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    scan = forms.FileField(label=_("Scan"), required=False)

    def __init__(self, producer: Producer, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producer.products.all()


class BatchForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    lot = forms.CharField(label=_("Lot number"), max_length=20)
    produced_on = forms.DateField(label=_("Production date"), widget=DATE)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=14, decimal_places=3)
    uom = forms.ChoiceField(
        label=_("Unit of measure"), choices=UnitOfMeasure.choices, initial=UnitOfMeasure.KILOGRAM
    )

    def __init__(self, producer: Producer, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producer.products.filter(status="approved")


class EventForm(forms.Form):
    """One event in a few taps: the step is the button pressed; the rest has defaults."""

    biz_step = forms.ChoiceField(label=_("Business step"), choices=BizStep.choices)
    facility = forms.ModelChoiceField(
        label=_("Place"), queryset=Facility.objects.none(), required=False
    )
    event_at = forms.DateTimeField(
        label=_("Time"), widget=MOMENT, required=False, input_formats=["%Y-%m-%dT%H:%M"]
    )
    result = forms.ChoiceField(
        label=_("Inspection result"), choices=[("", "—"), *InspectionResult.choices], required=False
    )
    inspection_body = forms.CharField(label=_("Inspecting body"), max_length=200, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, producer: Producer, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = producer.facilities.all()


class ShipForm(forms.Form):
    """A shipment to another producer's shop: its tax code and where it leaves from."""

    destination_tax_code = forms.CharField(
        label=_("Tax code of the receiving producer or shop"), max_length=14
    )
    facility = forms.ModelChoiceField(
        label=_("Shipped from"), queryset=Facility.objects.none(), required=False
    )

    def __init__(self, producer: Producer, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = producer.facilities.all()


class ReceiveForm(forms.Form):
    """Receiving an incoming batch: at which of one's own facilities."""

    facility = forms.ModelChoiceField(
        label=_("Receiving place"), queryset=Facility.objects.none(), required=False
    )

    def __init__(self, producer: Producer, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = producer.facilities.all()


class TransformForm(forms.Form):
    """Processing on one page: up to ``INPUT_ROWS`` input batches, each with the quantity
    used (empty: all that is left) and its unit, then the output lot with its quantity and
    unit. Field names follow the service's error fields (``inputs.0.quantity``)."""

    INPUT_ROWS = 3

    product = forms.ModelChoiceField(label=_("Output product"), queryset=Product.objects.none())
    lot = forms.CharField(label=_("Output lot number"), max_length=20)
    quantity = forms.DecimalField(
        label=_("Output quantity"), max_digits=14, decimal_places=3, min_value=Decimal("0.001")
    )
    uom = forms.ChoiceField(
        label=_("Output unit"), choices=UnitOfMeasure.choices, initial=UnitOfMeasure.PIECE
    )

    def __init__(self, producer: Producer, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        open_batches = Batch.objects.filter(
            product__producer=producer, consumed_at__isnull=True
        ).select_related("product")
        rows: dict[str, forms.Field] = {}
        for index in range(self.INPUT_ROWS):
            number = {"number": index + 1}
            rows[f"inputs.{index}.batch"] = forms.ModelChoiceField(
                label=_("Input batch %(number)s") % number,
                queryset=open_batches,
                required=index == 0,
            )
            rows[f"inputs.{index}.quantity"] = forms.DecimalField(
                label=_("Quantity used of input %(number)s") % number,
                max_digits=14,
                decimal_places=3,
                min_value=Decimal("0.001"),
                required=False,
                help_text=_("Leave empty to use all that is left of the batch."),
            )
            rows[f"inputs.{index}.uom"] = forms.ChoiceField(
                label=_("Unit of input %(number)s") % number,
                choices=[("", "—"), *UnitOfMeasure.choices],
                required=False,
            )
        self.fields = {**rows, **self.fields}
        self.fields["product"].queryset = producer.products.filter(status="approved")

    def service_values(self) -> dict[str, Any]:
        """The cleaned form as :func:`services_events.batch_transform` takes it."""
        data = self.cleaned_data
        inputs = [
            InputUse(
                batch=data[f"inputs.{i}.batch"],
                quantity=data[f"inputs.{i}.quantity"],
                uom=data[f"inputs.{i}.uom"],
            )
            for i in range(self.INPUT_ROWS)
            if data.get(f"inputs.{i}.batch") is not None
        ]
        values = {name: data[name] for name in ("product", "lot", "quantity", "uom")}
        return {"inputs": inputs, **values}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ProductRecallForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the recall"), max_length=500)
    lots = forms.CharField(
        label=_("Lot numbers"),
        max_length=2000,
        required=False,
        help_text=_("Separated by commas. Leave empty to recall every lot of the product."),
    )


class InspectForm(forms.Form):
    result = forms.ChoiceField(label=_("Inspection result"), choices=InspectionResult.choices)
    inspection_body = forms.CharField(label=_("Inspecting body"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ViolationForm(forms.Form):
    found_on = forms.DateField(label=_("Found on"), widget=DATE)
    description = forms.CharField(label=_("Violation"), widget=forms.Textarea)
    penalty = forms.CharField(label=_("Measure taken"), max_length=300, required=False)
